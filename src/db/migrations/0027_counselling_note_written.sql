ALTER TABLE "counselling_appointments" ADD COLUMN "note_written_at" timestamp with time zone;--> statement-breakpoint
UPDATE counselling_appointments a SET note_written_at = n.written_at
  FROM (SELECT appointment_id, max(written_at) AS written_at FROM counselling_notes GROUP BY appointment_id) n
 WHERE n.appointment_id = a.id;

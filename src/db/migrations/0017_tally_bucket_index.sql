-- The tally buckets (the city's unit and the county-level units) are read on every roll-up.
CREATE INDEX org_units_bucket_idx ON org_units (depth) WHERE depth <= 1;

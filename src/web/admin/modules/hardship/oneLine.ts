/** Single-line text for the API (it refuses control characters such as line breaks). */
export const one = (v: unknown) => (typeof v === 'string' ? v.trim().replace(/\s*\n\s*/g, '；') : '');

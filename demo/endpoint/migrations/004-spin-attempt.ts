/**
 * Migration 004: the client's id of each spin attempt, so a repeat of a recorded attempt (its answer
 * was lost) is answered with that spin instead of "already spun". Unique, so two requests of one
 * attempt cannot both record a spin; spins recorded before this migration, and spins from clients
 * that send no id, keep NULL.
 */
export const sql = `
ALTER TABLE regulars_spins ADD COLUMN attempt TEXT;
CREATE UNIQUE INDEX regulars_spins_attempt ON regulars_spins (attempt) WHERE attempt IS NOT NULL;
`;

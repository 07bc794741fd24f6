-- The built-in activity catalogue (BRIEF §4), as SQLite's migration 0003 inserts it; admins add
-- custom ones. db:copy replaces these rows with the source's own (same keys, the source's ids).
INSERT INTO "activities" ("key", "name", "default_duration_minutes", "recurring") VALUES
  ('open_cafe', 'Offenes Café', 120, true),
  ('language_cafe', 'Sprachcafé', 90, true),
  ('counselling', 'Beratung', 45, false),
  ('accompaniment', 'Begleitung zu Behörden', 120, false),
  ('sport', 'Sport', 90, true),
  ('excursion', 'Ausflug', 240, false),
  ('womens_group', 'Frauengruppe', 120, true),
  ('homework_help', 'Hausaufgabenhilfe', 90, true),
  ('parents_cafe', 'Elterncafé', 90, true);

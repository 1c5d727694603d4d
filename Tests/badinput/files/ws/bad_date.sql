-- on good.sql: a day that does not exist (2026-02-30) in a date column.
UPDATE people SET day = '2026-02-30' WHERE id = 1;

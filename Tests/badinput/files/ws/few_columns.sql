-- on good.sql: gemba_columns giving two of the table's three columns.
DELETE FROM gemba_columns WHERE table_name = 'people' AND column_name = 'day';

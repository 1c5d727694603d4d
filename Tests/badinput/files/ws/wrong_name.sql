-- on good.sql: gemba_columns naming a column 'nom' the table does not have.
UPDATE gemba_columns SET column_name = 'nom' WHERE table_name = 'people' AND column_name = 'name';

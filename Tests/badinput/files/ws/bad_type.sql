-- on good.sql: the type of people.day in gemba_columns set to 'money'.
UPDATE gemba_columns SET type = 'money' WHERE table_name = 'people' AND column_name = 'day';

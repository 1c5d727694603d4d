-- on good.sql: gemba_columns rows for a table 'ghost' that is not in the file.
INSERT INTO gemba_columns VALUES('ghost',0,'x','int');

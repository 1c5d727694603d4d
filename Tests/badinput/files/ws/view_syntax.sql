-- on good.sql: a view whose text is not a statement.
UPDATE gemba_views SET text = 'people | where id <' WHERE name = 'few';

-- on good.sql: a view whose text names an unknown column.
UPDATE gemba_views SET text = 'people | where idd < 2' WHERE name = 'few';

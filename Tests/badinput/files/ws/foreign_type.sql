-- A SQLite file gemba did not write: a column whose declared type gemba cannot map.
CREATE TABLE shapes (id INTEGER, outline GEOMETRY);
INSERT INTO shapes VALUES (1, 'POLYGON((0 0, 1 0, 1 1, 0 0))');

-- A SQLite file gemba did not write: text in an INTEGER column (SQLite allows it).
CREATE TABLE counts (day TEXT, n INTEGER);
INSERT INTO counts VALUES ('2026-01-05', 3);
INSERT INTO counts VALUES ('2026-01-06', 'three');

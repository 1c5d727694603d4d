-- A SQLite file gemba did not write: a table holding a BLOB.
CREATE TABLE photos (id INTEGER, img BLOB);
INSERT INTO photos VALUES (1, x'89504e47');

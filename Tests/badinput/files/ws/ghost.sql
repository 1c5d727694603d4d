-- good.sql plus gemba_columns rows for a table 'ghost' that is not in the file.
CREATE TABLE gemba_columns (
    table_name TEXT NOT NULL, position INTEGER NOT NULL, column_name TEXT NOT NULL, type TEXT NOT NULL,
    PRIMARY KEY (table_name, position));
INSERT INTO gemba_columns VALUES('people',0,'id','int');
INSERT INTO gemba_columns VALUES('people',1,'name','string');
INSERT INTO gemba_columns VALUES('people',2,'day','date');
INSERT INTO gemba_columns VALUES('ghost',0,'x','int');
CREATE TABLE gemba_views (name TEXT PRIMARY KEY NOT NULL, text TEXT NOT NULL);
INSERT INTO gemba_views VALUES('few','people | where id < 2');
CREATE TABLE "people" ("id" INTEGER, "name" TEXT, "day" TEXT);
INSERT INTO people VALUES(1,'ann','2026-01-05');
INSERT INTO people VALUES(2,'bob',NULL);

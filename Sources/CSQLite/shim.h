// SQLite's C API, as one header for Swift.
#include <sqlite3.h>

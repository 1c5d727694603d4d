// GNU readline and history, as one header for Swift.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

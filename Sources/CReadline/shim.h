#include <stdio.h>               /* readline.h uses FILE */
#include <readline/readline.h>
#include <readline/history.h>

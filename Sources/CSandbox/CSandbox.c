#include "CSandbox.h"
int optimlab_sandbox_abi_version(void) { return 0; }

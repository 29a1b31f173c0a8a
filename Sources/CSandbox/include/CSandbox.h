#ifndef OPTIMLAB_CSANDBOX_H
#define OPTIMLAB_CSANDBOX_H
/// Placeholder: the grader's sandbox shims (Landlock, prctl, namespaces) live here.
int optimlab_sandbox_abi_version(void);
#endif

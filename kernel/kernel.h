/* kernel.h — the Jupyter kernel entry point: `wick kernel -f CONNECTION_FILE`. */
#ifndef WK_KERNEL_H
#define WK_KERNEL_H

/* Runs the kernel until a shutdown request or the death of its parent; starts the
 * interpreter itself (wk_init), so call it instead of, not after, wk_init. argv[0] is
 * ignored ("kernel" or the program); the options are -f FILE (also -f=FILE, --f=FILE).
 * Returns the process exit status. */
int wk_kernel_main(int argc, char **argv);

#endif

/* repl.h — the interactive read-eval-print loop (readline). */
#ifndef WK_REPL_H
#define WK_REPL_H
/* Runs the REPL on the terminal until Ctrl-D or sys.exit(); returns the exit status. */
int wk_repl_run(void);
#endif

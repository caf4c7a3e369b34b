/* version.h — wick's version and the Python version whose behaviour it follows. */
#ifndef WK_VERSION_H
#define WK_VERSION_H
#define WK_VERSION "0.1.0"
#define WK_PY_VERSION "3.11.2"
#endif

/* test_loader.c — the CUDA plugin loader without a GPU: missing file, broken file, missing driver, real plugin without a driver (TAP). */
#include "../../runtime/cuda_loader.h"
#include "../unit/tap.h"
#include <sys/wait.h>
#include <unistd.h>

/* Each scenario runs in a child (the loader answers once per process); the child prints one
 * line "available|kind|message|reason" which the parent checks. */
static void scenario(const char *plugin, char *line, size_t cap) {
    int fd[2];
    if (pipe(fd) != 0) { snprintf(line, cap, "pipe failed"); return; }
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        if (plugin) setenv("WICK_CUDA_PLUGIN", plugin, 1);
        else unsetenv("WICK_CUDA_PLUGIN");
        bool avail = wk_cuda_is_available();
        bool req = wk_cuda_require();
        char buf[2048];
        int n = snprintf(buf, sizeof buf, "%d|%d|%s|%s|%d", avail, (int)wk_rt_errkind(), wk_rt_errmsg(),
                         wk_cuda_unavailable_reason(), req);
        if (write(fd[1], buf, (size_t)n) < 0) _exit(2);
        _exit(0);
    }
    close(fd[1]);
    ssize_t n = read(fd[0], line, cap - 1);
    line[n > 0 ? n : 0] = 0;
    close(fd[0]);
    int st = 0;
    waitpid(pid, &st, 0);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) snprintf(line, cap, "child crashed (status %d)", st);
}

int main(int argc, char **argv) {
    char line[4096];
    scenario("/nonexistent/wick_cuda.so", line, sizeof line);
    tap_ok(!strncmp(line, "0|5|Torch not compiled with CUDA enabled|no CUDA plugin: WICK_CUDA_PLUGIN=/nonexistent/wick_cuda.so does not exist|0", 200),
           "missing plugin: not available, AssertionError 'Torch not compiled with CUDA enabled', reason kept");
    tap_diag("%s", line);

    /* a "driver" without the driver's entry points leaves the verdict to the plugin file */
    setenv("WICK_CUDA_DRIVER", "libc.so.6", 1);
    scenario("/etc/passwd", line, sizeof line);
    tap_ok(!strncmp(line, "0|1|CUDA is not available: cannot load the CUDA plugin /etc/passwd:", 67),
           "broken plugin file: RuntimeError carrying the dlopen reason");
    tap_diag("%s", line);

    /* no driver library: the plugin is never loaded, PyTorch's no-driver error */
    setenv("WICK_CUDA_DRIVER", "/nonexistent/libcuda.so.1", 1);
    scenario("/etc/passwd", line, sizeof line);
    tap_ok(!strncmp(line, "0|1|Found no NVIDIA driver on your system.", 42) &&
               strstr(line, "|CUDA driver: /nonexistent/libcuda.so.1: cannot open") != NULL,
           "no driver library: the plugin is not loaded, RuntimeError 'Found no NVIDIA driver', reason kept");
    tap_diag("%s", line);
    unsetenv("WICK_CUDA_DRIVER");

    /* the real plugin (path given as argv[1] by the runner, when it was built) */
    const char *real = argc > 1 ? argv[1] : "build/lib/wick_cuda.so"; /* prove runs from the repository root */
    if (real && access(real, F_OK) == 0) {
        scenario(real, line, sizeof line);
        bool gpu = !strncmp(line, "1|", 2);
        if (gpu) tap_ok(true, "real plugin: a GPU is present and CUDA is available");
        else
            tap_ok(strstr(line, "|CUDA driver: ") != NULL && line[0] == '0',
                   "real plugin without a GPU: not available, reason from the driver, no crash");
        tap_diag("%s", line);
    } else {
        tap_skip("plugin not built (build/lib/wick_cuda.so, or pass a path as argv[1])");
    }

    scenario(NULL, line, sizeof line);
    tap_ok(line[0] == '0' || line[0] == '1', "default search (exe dir, ../lib) runs without crashing");
    tap_diag("%s", line);
    return tap_done_testing();
}

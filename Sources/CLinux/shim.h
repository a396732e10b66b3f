#ifndef CLINUX_SHIM_H
#define CLINUX_SHIM_H
// Linux calls that Swift's Glibc module leaves out (it is built without _GNU_SOURCE). Declared here by hand: the symbols are in every glibc since 2.9.
int pipe2(int pipefd[2], int flags);
// malloc.h is not in the Glibc module either. Declared, not looked up with dlsym: the release `indexer` is a
// static executable, where dlsym finds nothing and the calls silently did not happen.
#include <stddef.h>
int mallopt(int param, int value);
int malloc_trim(size_t pad);

/// A pipe whose two ends are close-on-exec from the start, so a worker spawned meanwhile on another
/// thread cannot inherit them.
static inline int CLinux_pipeCloseOnExec(int fds[2], int nonBlocking) {
  return pipe2(fds, 02000000 /* O_CLOEXEC */ | (nonBlocking ? 04000 /* O_NONBLOCK */ : 0));
}
#include <sys/resource.h>
#include <sys/types.h>
pid_t gettid(void);

/// Lowers the calling thread's scheduling priority alone (on Linux `nice` is per thread): a background
/// build then takes the cores only when the request loop and the client do not.
static inline int CLinux_niceThisThread(int increment) {
  return setpriority(PRIO_PROCESS, (id_t)gettid(), increment);
}
#endif
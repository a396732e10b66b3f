#ifndef CLINUX_SHIM_H
#define CLINUX_SHIM_H
// Linux calls that Swift's Glibc module leaves out (it is built without _GNU_SOURCE). Declared here by hand: the symbols are in every glibc since 2.9.
int pipe2(int pipefd[2], int flags);

/// A pipe whose two ends are close-on-exec from the start, so a worker spawned meanwhile on another
/// thread cannot inherit them.
static inline int CLinux_pipeCloseOnExec(int fds[2], int nonBlocking) {
  return pipe2(fds, 02000000 /* O_CLOEXEC */ | (nonBlocking ? 04000 /* O_NONBLOCK */ : 0));
}
#endif

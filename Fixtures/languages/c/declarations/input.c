/* header */
#ifndef A_H
#define A_H
#include <stdio.h>
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define VERSION "1.0 // not a comment"
typedef unsigned long size_type;
typedef int (*callback_t)(void *ctx, int n);
typedef struct {
  int x, y;
} point_t;
struct node {
  struct node *next;
  union { int i; float f; } value;
  unsigned flags : 3;
  void (*visit)(struct node *);
};
enum color { RED, GREEN = 2, BLUE };
enum { ANON_A, ANON_B };
extern int global_counter;
int counter = 0, *pointer, table[10];
static const char *names[] = { "a", "b" };
int add(int a, int b);
static inline int square(int x) { return x * x; }
struct node *make_node(int v)
{
  int local = v;
  return 0;
}
#ifdef FEATURE
int feature(int a) {
#else
int feature(int a, int b) {
#endif
  return a;
}
#if 0
int dead(void);
#endif
EXPORT_SYMBOL(add);
static DEFINE_MUTEX(lock);
void (*signal(int sig, void (*func)(int)))(int);
#endif
/* K&R-style layout and GNU style: the name on its own line */
static int
gnu_style (int a)
{
  char *s = "int fake(void) { } /* not a comment";
  char c = '{';
  return a; // int in_comment(void);
}
#define MULTI_LINE(x) \
  do { \
    x++; \
  } while (0)
struct __attribute__((packed)) packed_header { unsigned char tag; };
unsigned long long big_table[2][3] = { { 1, 2, 3 }, { 4, 5, 6 } };

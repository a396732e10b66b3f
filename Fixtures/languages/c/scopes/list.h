#ifndef LIST_H
#define LIST_H

struct node {
  int value;
  struct node *next;
};

typedef struct node node_t;

typedef struct {
  node_t *head;
  int count;
} list_t;

int list_push(list_t *list, int value);
extern int list_created;

#endif

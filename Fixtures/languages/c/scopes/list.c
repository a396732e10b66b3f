#include <stdlib.h>
#include "list.h"

int list_created = 0;

static node_t *make_node(int value) {
  node_t *n = malloc(sizeof *n);
  n->value = value;
  n->next = NULL;
  return n;
}

int list_push(list_t *list, int value) {
  node_t *n = make_node(value);
  n->next = list->head;
  list->head = n;
  return ++list->count;
}

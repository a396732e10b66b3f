#include "list.h"

static int count = 3;

static int sum(const list_t *list) {
  int total = 0;
  for (node_t *n = list->head; n; n = n->next) {
    int value = n->value;
    total += value;
  }
  {
    int count = 10;
    total += count;
  }
  return total + count;
}

int main(void) {
  list_t list = { .head = 0, .count = 0 };
  list_push(&list, count);
  list_created++;
  return sum(&list) + list.head->next->value;
}

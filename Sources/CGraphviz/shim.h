#ifndef ARCHSIM_CGRAPHVIZ_SHIM_H
#define ARCHSIM_CGRAPHVIZ_SHIM_H
// libgvc (layout and rendering) and libcgraph (the graph itself), from libgraphviz-dev.
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <stdlib.h>
#include <string.h>

// Graph descriptors are C globals; Swift 6 refuses to read shared mutable globals, so they
// come through functions.
static inline Agdesc_t archsim_agdirected(void) { return Agdirected; }

// MARK: - Object IDs in creation order
//
// cgraph's default ID discipline uses the address of a name's interned string as its ID, and
// keeps subgraphs ordered by ID: `agwrite` then lists clusters in an order that changes from
// run to run. This discipline numbers named objects in the order they are created (even IDs;
// anonymous objects such as edges get odd ones), so the DOT text is the same every time.

typedef struct {
    Agraph_t *graph;
    char **names;
    size_t count;
    size_t capacity;
    IDTYPE anonymous;
} archsim_idstate;

static void *archsim_idopen(Agraph_t *g, Agdisc_t *disc) {
    (void)disc;
    archsim_idstate *state = calloc(1, sizeof(archsim_idstate));
    if (state) {
        state->graph = g;
        state->anonymous = 1;
    }
    return state;
}

static long archsim_idmap(void *opaque, int objtype, char *str, IDTYPE *id, int createflag) {
    (void)objtype;
    archsim_idstate *state = opaque;
    if (!str) {
        *id = state->anonymous;
        state->anonymous += 2;
        return 1;
    }
    for (size_t i = 0; i < state->count; i++) {
        if (strcmp(state->names[i], str) == 0) {
            *id = (IDTYPE)(i + 1) * 2;
            return 1;
        }
    }
    if (!createflag) return 0;
    if (state->count == state->capacity) {
        size_t capacity = state->capacity ? state->capacity * 2 : 64;
        char **grown = realloc(state->names, capacity * sizeof(char *));
        if (!grown) return 0;
        state->names = grown;
        state->capacity = capacity;
    }
    // Interned in the graph's string pool, as cgraph expects of the names it is given back
    // (it reads the pool's header, e.g. whether a string is HTML-like).
    char *copy = agstrdup(state->graph, str);
    if (!copy) return 0;
    state->names[state->count++] = copy;
    *id = (IDTYPE)state->count * 2;
    return 1;
}

static long archsim_idalloc(void *state, int objtype, IDTYPE request) {
    (void)state; (void)objtype; (void)request;
    return 0;
}

static void archsim_idfree(void *state, int objtype, IDTYPE id) {
    (void)state; (void)objtype; (void)id;  // names live until the graph closes
}

static char *archsim_idprint(void *opaque, int objtype, IDTYPE id) {
    (void)objtype;
    archsim_idstate *state = opaque;
    if (id % 2 == 1 || id == 0 || id / 2 > state->count) return NULL;
    return state->names[id / 2 - 1];
}

static void archsim_idclose(void *opaque) {
    archsim_idstate *state = opaque;
    // The names themselves go with the graph's string pool, closed right after this.
    free(state->names);
    free(state);
}

static void archsim_idregister(void *state, int objtype, void *obj) {
    (void)state; (void)objtype; (void)obj;
}

/// cgraph's memory and I/O disciplines with the ID discipline above.
static inline Agdisc_t *archsim_disc(void) {
    static Agiddisc_t ids = {
        archsim_idopen, archsim_idmap, archsim_idalloc, archsim_idfree,
        archsim_idprint, archsim_idclose, archsim_idregister,
    };
    static Agdisc_t disc = { &AgMemDisc, &ids, &AgIoDisc };
    return &disc;
}
#endif

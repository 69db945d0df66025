/* json_mem.h - cJSON's memory while readouts are parsed.
 *
 * A readout's JSON tree lives only while the readout is built from it, and
 * allocating and freeing its nodes one by one was a fifth of the time of a
 * load.  Between json_mem_begin and json_mem_end, the cJSON allocations of
 * the calling thread come from that thread's bump region, reset at the end.
 * cJSON has only process-wide hooks: json_mem_init installs them once, and
 * at any other time, on any other thread, they are plain malloc and free,
 * so every other user of cJSON (saving, the journal) is unaffected. */
#ifndef PARLEY_JSON_MEM_H
#define PARLEY_JSON_MEM_H

/* Installs the hooks, once (any thread). */
void json_mem_init(void);
/* This thread's next cJSON allocations come from its region... */
void json_mem_begin(void);
/* ...until here, where the region is reset (its largest chunk kept). */
void json_mem_end(void);
/* The thread's region goes (a loader thread ending). */
void json_mem_release(void);

#endif

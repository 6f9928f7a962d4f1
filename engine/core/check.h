#pragma once
// Programming-error checks: on in release builds too. A failed check is a bug, not bad input.
#include <cstdio>
#include <cstdlib>

#define PT_CHECK(cond)                                                                           \
    do {                                                                                         \
        if (!(cond)) {                                                                           \
            std::fprintf(stderr, "[parktwin fatal] check failed: %s (%s:%d)\n", #cond, __FILE__, \
                         __LINE__);                                                              \
            std::abort();                                                                        \
        }                                                                                        \
    } while (0)

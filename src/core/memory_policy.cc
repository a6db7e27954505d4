#include "core/memory_policy.h"

#include <malloc.h>

#include <climits>

namespace scrutiny {

void KeepFreedMemory() {
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, INT_MAX);
}

}  // namespace scrutiny

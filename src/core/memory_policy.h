#pragma once
// How the process keeps memory it frees. The indicator engine builds and drops
// arrays of millions of entries for each indicator (a row's child, a child's
// visits); memory handed back to the system returns as fresh pages the kernel
// must fault in and zero, which was a third of england's compute time.

namespace scrutiny {

// Keeps freed blocks of any size in the process for reuse (glibc malloc:
// no mmap for large blocks, trimming only past 2 GB free at the top of the
// heap). Call once at start-up, before large allocations.
void KeepFreedMemory();

}  // namespace scrutiny

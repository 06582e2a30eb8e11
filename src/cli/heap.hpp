#pragma once
// How a batch run (`digestlint check`) sets up glibc's allocator: memory is kept for reuse and
// touched a huge page at a time where it can be. The language server, which runs for hours in an
// editor, keeps glibc's defaults and gives memory back. Under another allocator these calls change
// nothing that matters (the hints fall on memory the allocator does not use, or on none).
namespace digestlint {

// Freed memory stays in the process for the next file instead of going back to the kernel.
void keep_freed_memory();
// The main thread's heap, where run-long state grows: extended once, advised to use huge pages,
// its first 2 MiB faulted in by one call. Call once, on the main thread, before a run.
void prepare_main_heap();
// The calling thread's heap (a worker's, which checks one file after another): advised to use
// huge pages past its first 2 MiB. Call first thing on the thread.
void prepare_worker_heap();

}  // namespace digestlint

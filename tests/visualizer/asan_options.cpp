// Under ASan, Mesa's dlopen'ed software GL driver leaks a few blocks per process, with stacks that
// end in its unloaded library, so they cannot be suppressed by name. This binary (the display
// tests) turns leak checking off; every other suite keeps it, and ASan and UBSan still check
// these tests for every other error. Without ASan this function is never called.
extern "C" const char* __asan_default_options() { return "detect_leaks=0"; }

// Timers: equal deadlines run in insertion order; setTimeout(0) is setTimeout(1); microtasks run
// after each timer callback, before the next timer.
setTimeout(() => console.log("A 1ms"), 1);
setTimeout(() => {
  console.log("B 0ms (clamped to 1)");
  Promise.resolve().then(() => console.log("B's microtask"));
}, 0);
setTimeout(() => console.log("C 1ms"), 1);
setTimeout(() => console.log("D 0.5ms"), 0.5);
setTimeout(() => console.log("E 2ms"), 2);
setTimeout(() => {
  console.log("F 1.5ms fires at 2ms");
  setTimeout(() => console.log("G nested, 0ms"), 0);
}, 1.5);
const cancelled = setTimeout(() => console.log("never"), 1);
clearTimeout(cancelled);
let n = 0;
const id = setInterval(() => {
  n++;
  console.log(`interval ${n}`);
  if (n === 3) clearInterval(id);
}, 10);
setTimeout(() => console.log("H 20ms, armed before interval 2 was"), 20);

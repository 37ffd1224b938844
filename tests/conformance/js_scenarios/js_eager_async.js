// An async function runs synchronously until its first await (Python's coroutines wait to be awaited).
async function work(name) {
  console.log(`${name}: before the first await`);
  await null;
  console.log(`${name}: after the first await`);
  return name;
}

console.log("script: calling work(A)");
const p = work("A");
console.log("script: work(A) returned a promise");
work("B").then(v => console.log(`then: work(B) gave ${v}`));
p.then(v => console.log(`then: work(A) gave ${v}`));
console.log("script: end");

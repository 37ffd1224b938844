async function work(name) {
  console.log(`${name} starts`);
  await new Promise(resolve => setTimeout(resolve, 1000));
  console.log(`${name} ends`);
  return name;
}

async function main() {
  const a = work("A");  // a promise: work has already run up to its first await
  console.log("created A");
  const b = work("B");  // the same: JavaScript has no separate "task" step
  console.log("created B");
  await null;
  console.log("main yielded once");
  console.log(await a, await b);
}

main();

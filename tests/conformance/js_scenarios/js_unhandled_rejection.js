// An async function that throws, with nobody to catch: Node exits with status 1.
async function load() {
  console.log("loading");
  await new Promise(resolve => setTimeout(resolve, 100));
  throw new Error("load failed");
}

async function main() {
  setTimeout(() => console.log("never printed: the process is gone"), 200);
  await load();
  console.log("not reached");
}

main();

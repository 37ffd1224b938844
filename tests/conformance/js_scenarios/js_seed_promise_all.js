// Seed 000: three tasks, Promise.all.
async function task(name) {
  await new Promise(resolve => setTimeout(resolve, 1000));
  return `Task ${name} completed`;
}

async function main() {
  const tasks = [task("A"), task("B"), task("C")];
  const results = await Promise.all(tasks);
  console.log(results);
}

main();

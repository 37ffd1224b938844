// Promise.race against a timeout: the slow request loses, but keeps running.
function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms));
}

async function request(name, ms) {
  await new Promise(resolve => setTimeout(resolve, ms));
  console.log(`${name} answered after ${ms} ms`);
  return `${name} data`;
}

async function main() {
  console.log(await Promise.race([request("fast", 100), timeout(500)]));
  try {
    await Promise.race([request("slow", 2000), timeout(500)]);
  } catch (e) {
    console.log("race lost:", e.message);
  }
}

main();

import asyncio

async def task(name):
    await asyncio.sleep(1)
    return f"Task {name} completed"

async def main():
    tasks = [task("A"), task("B"), task("C")]
    results = await asyncio.gather(*tasks)
    print(results)

asyncio.run(main())

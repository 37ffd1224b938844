import asyncio

async def work(name):
    print(f"{name} starts")
    await asyncio.sleep(1)
    print(f"{name} ends")
    return name

async def main():
    a = work("A")  # a coroutine object: nothing has run yet
    print("created A")
    b = asyncio.create_task(work("B"))  # a task: it runs once main lets go
    print("created B")
    await asyncio.sleep(0)
    print("main yielded once")
    print(await a, await b)

asyncio.run(main())

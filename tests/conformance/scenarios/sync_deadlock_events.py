import asyncio

async def alice(mine, theirs):
    print("alice: waiting for bob's event")
    await theirs.wait()
    mine.set()
    print("alice: never gets here")

async def bob(mine, theirs):
    print("bob: waiting for alice's event")
    await theirs.wait()
    mine.set()
    print("bob: never gets here")

async def main():
    a, b = asyncio.Event(), asyncio.Event()
    t1 = asyncio.create_task(alice(a, b))
    t2 = asyncio.create_task(bob(b, a))
    await asyncio.sleep(1)
    print("main: waiting for both")
    await t1
    await t2

asyncio.run(main())

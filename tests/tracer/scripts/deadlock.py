import asyncio


async def waiter(event):
    print("waiting for the event")
    await event.wait()
    print("never printed")


async def main():
    event = asyncio.Event()
    task = asyncio.create_task(waiter(event))
    await task


asyncio.run(main())

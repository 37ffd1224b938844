import asyncio

async def work(name, delay):
    try:
        await asyncio.sleep(delay)
        print(f"{name} done")
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise

async def main():
    me = asyncio.current_task()
    try:
        async with asyncio.timeout(1):
            try:
                async with asyncio.timeout(2):
                    await work("inner", 5)
            except TimeoutError:
                print("inner scope timed out (wrong)")
    except TimeoutError:
        print(f"outer scope timed out, cancelling={me.cancelling()}")
    try:
        async with asyncio.timeout(2):
            try:
                async with asyncio.timeout(1):
                    await work("inner2", 5)
            except TimeoutError:
                print("inner2 scope timed out")
            await work("after inner2", 0.5)
    except TimeoutError:
        print("outer2 timed out (wrong)")
    print(f"t={asyncio.get_running_loop().time()}")

    async def victim():
        try:
            async with asyncio.timeout(1):
                await work("victim work", 5)
        except TimeoutError:
            print("victim: TimeoutError")
    # The canceller's timer is armed first: it cancels the victim after the victim's timeout
    # fired but before the victim ran, so the scope must let the CancelledError through.
    victims = []
    async def canceller():
        await asyncio.sleep(1)
        print(f"canceller cancels the victim: {victims[0].cancel()}")
    c = asyncio.create_task(canceller())
    v = asyncio.create_task(victim())
    victims.append(v)
    try:
        await v
    except asyncio.CancelledError:
        print(f"victim ended with CancelledError, cancelled={v.cancelled()}")
    await c

asyncio.run(main())

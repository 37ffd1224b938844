import asyncio

async def never_started():
    print("never printed")

async def sleeper(name, delay):
    try:
        await asyncio.sleep(delay)
        print(f"{name} woke")
    except asyncio.CancelledError:
        print(f"{name} cancelled after its sleep ended")
        raise

async def canceller(name, delay, victims):
    await asyncio.sleep(delay)
    for victim in victims:
        print(f"{name} woke and cancels {victim.get_name()}: {victim.cancel()}")

async def yielder():
    print("yielder before sleep(0)")
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError:
        print("yielder cancelled at sleep(0)")
        raise

async def main():
    t = asyncio.create_task(never_started())
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print(f"not-started task cancelled: {t.cancelled()}")
    # Both wake at t=1; the killer's timer was armed first, so when it runs the victim's
    # sleep is already over and its wake-up is in the ready queue.
    victims = []
    killer = asyncio.create_task(canceller("killer", 1, victims), name="killer")
    victim = asyncio.create_task(sleeper("victim", 1), name="victim")
    victims.append(victim)
    await asyncio.gather(killer, victim, return_exceptions=True)
    print(f"victim cancelled: {victim.cancelled()}")
    y = asyncio.create_task(yielder())
    await asyncio.sleep(0)
    y.cancel()
    await asyncio.sleep(0)
    print(f"yielder cancelled: {y.cancelled()}")

asyncio.run(main())

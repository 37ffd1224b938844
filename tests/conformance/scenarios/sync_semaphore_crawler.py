import asyncio

async def crawl(sem, url, duration):
    print(f"queued {url} (locked={sem.locked()})")
    async with sem:
        print(f"fetching {url}")
        await asyncio.sleep(duration)
        print(f"fetched {url} in {duration}s")
    return url

async def main():
    sem = asyncio.Semaphore(2)
    jobs = [("a.com", 3), ("b.org", 1), ("c.net", 2), ("d.io", 1), ("e.dev", 2), ("f.app", 1)]
    tasks = [asyncio.create_task(crawl(sem, u, d)) for u, d in jobs]
    for t in tasks:
        url = await t
        print(f"main: {url} done")
    print(f"main: all fetched (locked={sem.locked()})")

asyncio.run(main())

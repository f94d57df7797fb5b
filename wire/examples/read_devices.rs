//! How fast the portal's reading of a V1 device list is, natively: the splitter alone, the
//! splitter with every element parsed whole (`ArrayStream::feed`), and elements read from the
//! front of each chunk (`ArrayStream::feed_elements`, as the portal reads the list).
//!
//! ```text
//! curl -s -u admin:admin1234 'http://127.0.0.1:8080/api/v1/dm/devices?status=ACTIVE' -o devices.json
//! cargo run --release --locked -p wire --example read_devices -- devices.json [chunk bytes]
//! ```
//! (a mock-server started with `--devices 100000 --seed 1` answers 80,018 devices, 107 MB).
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};
use wire::stream::ArrayStream;
use wire::v1::{ListDevice, DEVICE_LIST_ARRAY};

/// Counts allocations (the reading's other cost besides parsing: in wasm, `malloc` was a tenth of
/// the list's load).
struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}
#[global_allocator]
static GLOBAL: Counting = Counting;

fn timed(
    data: &[u8],
    chunk: usize,
    read: impl Fn(&mut ArrayStream, &[u8]) -> usize,
) -> (Duration, usize) {
    let start = Instant::now();
    let mut stream = ArrayStream::new(DEVICE_LIST_ARRAY);
    let n = data.chunks(chunk).map(|c| read(&mut stream, c)).sum();
    (start.elapsed(), n)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("the device list answer's file");
    let chunk = args
        .next()
        .map_or(65_536, |c| c.parse().expect("chunk size in bytes"));
    let data = std::fs::read(&path).expect("readable file");
    for _ in 0..3 {
        let (split, n) = timed(&data, chunk, |s, c| {
            let mut n = 0;
            s.feed::<()>(c, |_, _| {
                n += 1;
                Ok(())
            })
            .unwrap();
            n
        });
        let (whole, _) = timed(&data, chunk, |s, c| {
            let mut n = 0;
            s.feed(c, |e, _| ListDevice::from_json(e).map(|_| n += 1))
                .expect("devices");
            n
        });
        let before = ALLOCATIONS.load(Relaxed);
        let (front, m) = timed(&data, chunk, |s, c| {
            let mut n = 0;
            s.feed_elements(c, |e, _| {
                n += 1;
                ListDevice::from_element(e).map(|read| read.and_then(|(_, taken)| taken))
            })
            .expect("devices");
            n
        });
        let allocations = ALLOCATIONS.load(Relaxed) - before;
        let ms = |d: Duration| format!("{:.0} ms", d.as_secs_f64() * 1e3);
        println!(
            "{n} devices in chunks of {chunk} B: split {}, split + parse {}, read from the front {} \
             ({m} offers; {:.1} allocations a device)",
            ms(split),
            ms(whole),
            ms(front),
            allocations as f64 / n as f64
        );
    }
}

//! A tiny DER writer for tests: builds certificates and PKCS#12-like bytes for the X.509 reader
//! and the property tests (no key material: nothing is verified). Long-form lengths included.

pub fn tlv(tag: u8, c: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = c.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(c);
    out
}

pub fn seq(items: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &items.concat())
}

pub fn oid(arcs: &[u64]) -> Vec<u8> {
    let mut c = vec![(arcs[0] * 40 + arcs[1]) as u8];
    for &a in &arcs[2..] {
        let mut g = vec![(a & 0x7f) as u8];
        let mut v = a >> 7;
        while v > 0 {
            g.push(0x80 | (v & 0x7f) as u8);
            v >>= 7;
        }
        g.reverse();
        c.extend(g);
    }
    tlv(0x06, &c)
}

//! Distances on the globe, shared by place resolution and the toponym scorer.

/// Great-circle distance in km between two (lat, lon) points in degrees
/// (haversine, Earth radius 6,371 km, as `shared/eval/score.py` measures).
pub fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1, lat2, lon2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    6371.0 * 2.0 * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::km;

    #[test]
    fn distances_match_known_ones() {
        assert!(km((51.5085, -0.1257), (51.5085, -0.1257)).abs() < 1e-9);
        // London to Paris is about 343 km; antipodes half the circumference
        assert!((km((51.5085, -0.1257), (48.8534, 2.3488)) - 343.0).abs() < 3.0);
        assert!((km((0.0, 0.0), (0.0, 180.0)) - 20_015.1).abs() < 1.0);
    }
}

//! Writes a products CSV file as the first sheet of an Excel workbook, each cell that reads
//! back as typed as a number cell and every other one as text, as a lab's sheet holds them:
//! for measuring `duibiao evaluate` on `.xlsx` (`docs/limits.md`) and for trying it out.
//!
//! ```sh
//! cargo run --release --example csv_to_xlsx -- products.csv products.xlsx
//! ```

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [csv, xlsx] = args.as_slice() else {
        return Err("usage: csv_to_xlsx PRODUCTS.csv OUT.xlsx".into());
    };
    let text = std::fs::read_to_string(csv)?;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in text.lines().enumerate() {
        let r = u32::try_from(r)?;
        for (c, cell) in line.split(',').enumerate() {
            let c = u16::try_from(c)?;
            let typed = if cell.contains('.') {
                cell.trim_end_matches('0').trim_end_matches('.')
            } else {
                cell
            };
            match cell.parse::<f64>() {
                _ if cell.is_empty() => {}
                Ok(f) if r > 0 && format!("{f}") == typed => {
                    sheet.write_number(r, c, f)?;
                }
                _ => {
                    sheet.write_string(r, c, cell)?;
                }
            }
        }
    }
    book.save(xlsx)?;
    Ok(())
}

"""The counter's look: big type for the total, the code field and the change; the fiscal
outcome tinted by what the sale ends in (invoice, receipt, nothing)."""

STYLE = """
#counter QLineEdit#clientSearch, #counter QLineEdit#codeEdit {
    font-size: 17px; padding: 7px 9px; border: 2px solid #CBD5E1; border-radius: 6px;
    background: #FFFFFF;
}
#counter QLineEdit#clientSearch:focus, #counter QLineEdit#codeEdit:focus {
    border-color: #0F766E;
}
#counter QLabel#clientCard {
    font-size: 14px; padding: 6px 10px; background: #ECFDF5; border: 1px solid #A7F3D0;
    border-radius: 6px; color: #064E3B;
}
#counter QLabel#clientCard[kind="new"] {
    background: #FFFBEB; border-color: #FCD34D; color: #78350F;
}
#counter QTableView#itemsTable { font-size: 15px; gridline-color: #E2E8F0; }
#counter QTableView#itemsTable::item:selected { background: #CCFBF1; color: #0F172A; }
#counter QHeaderView::section {
    font-size: 13px; font-weight: 600; padding: 6px; background: #F1F5F9; border: none;
    border-bottom: 1px solid #CBD5E1;
}
#counter QFrame#summaryPanel { background: #F8FAFC; border-left: 1px solid #E2E8F0; }
#counter QScrollArea#summaryScroll { background: #F8FAFC; border: none; }
#counter QLabel#totalCaption { font-size: 14px; color: #475569; font-weight: 600; }
#counter QLabel#totalValue { font-size: 44px; font-weight: 800; color: #0F172A; }
#counter QLabel.amount { font-size: 15px; }
#counter QLabel#changeValue { font-size: 22px; font-weight: 700; color: #0F766E; }
#counter QLabel#changeValue[level="bad"] { color: #B42318; }
#counter QPushButton.payForm {
    padding: 7px 5px; font-size: 13px; border: 2px solid #CBD5E1; border-radius: 6px;
    background: #FFFFFF;
}
#counter QPushButton.payForm:checked {
    background: #0F766E; color: #FFFFFF; border-color: #0F766E; font-weight: 700;
}
#counter QPushButton.payForm:focus { border-color: #F59E0B; }
#counter QLineEdit#receivedEdit { font-size: 20px; padding: 6px; }
#counter QPushButton#chargeButton {
    font-size: 22px; font-weight: 800; padding: 12px; color: #FFFFFF; background: #0F766E;
    border: 3px solid #0F766E; border-radius: 10px;
}
#counter QPushButton#chargeButton:focus { border-color: #F59E0B; }
#counter QPushButton#chargeButton:pressed { background: #115E59; }
#counter QLabel[level="bad"] { color: #B42318; font-weight: 600; }
#counter QLabel#changeDue {
    font-size: 30px; font-weight: 800; color: #FFFFFF; background: #0F766E;
    border-radius: 8px; padding: 4px 8px;
}
#counter QLabel#outcomeLabel {
    font-size: 12px; padding: 6px 8px; border-radius: 6px; background: #EFF6FF;
    border: 1px solid #BFDBFE; color: #1E3A8A;
}
#counter QLabel#outcomeLabel[outcome="invoice"] {
    background: #ECFDF5; border-color: #A7F3D0; color: #064E3B;
}
#counter QLabel#outcomeLabel[outcome="none"] {
    background: #F8FAFC; border-color: #CBD5E1; color: #334155;
}
#counter QFrame#lastSale {
    background: #FFFFFF; border: 1px solid #E2E8F0; border-radius: 8px;
}
#counter QLabel#lastSaleLabel { font-size: 13px; }
#counter QListWidget#codeSuggestions, #counter QListWidget#clientSuggestions {
    font-size: 15px; background: #FFFFFF; border: 1px solid #94A3B8;
}
#counter QListWidget#codeSuggestions::item, #counter QListWidget#clientSuggestions::item {
    padding: 5px 8px;
}
#counter QListWidget::item:selected { background: #0F766E; color: #FFFFFF; }
"""
